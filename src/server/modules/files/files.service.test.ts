import { describe, expect, it } from "vitest";
import { cleanFilename } from "./files.service.js";

describe("cleanFilename", () => {
  it("keeps the name without folders, quotes or control characters", () => {
    expect(cleanFilename('C:\\Users\\me\\"plan"\u0007.pdf')).toBe("plan.pdf");
    expect(cleanFilename("../../etc/passwd.txt")).toBe("passwd.txt");
  });

  it("shortens long names to 200 characters, keeping the extension", () => {
    const name = cleanFilename(`${"a".repeat(300)}.docx`);
    expect(name).toHaveLength(200);
    expect(name.endsWith(".docx")).toBe(true);
  });
});
