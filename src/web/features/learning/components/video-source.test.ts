import { describe, expect, it } from "vitest";
import { videoSource } from "./video-source";

describe("videoSource", () => {
  it("plays uploaded files and .mp4/.webm addresses in the browser's player", () => {
    expect(videoSource({ url: "/api/files/abc", uploaded: true })).toEqual({
      kind: "file",
      url: "/api/files/abc",
    });
    expect(videoSource({ url: "https://cdn.example.org/talk.MP4", uploaded: false })).toEqual({
      kind: "file",
      url: "https://cdn.example.org/talk.MP4",
    });
    expect(videoSource({ url: "https://cdn.example.org/talk.webm?x=1", uploaded: false }).kind).toBe("file");
  });

  it("embeds YouTube through youtube-nocookie.com, whatever form the address takes", () => {
    const expected = {
      kind: "embed",
      host: "YouTube",
      embedUrl: "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
      watchUrl: "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    };
    for (const url of [
      "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=10",
      "https://youtu.be/dQw4w9WgXcQ",
      "https://m.youtube.com/watch?v=dQw4w9WgXcQ",
      "https://www.youtube.com/embed/dQw4w9WgXcQ",
      "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
    ]) {
      expect(videoSource({ url, uploaded: false }), url).toEqual(expected);
    }
  });

  it("embeds Vimeo with do-not-track", () => {
    expect(videoSource({ url: "https://vimeo.com/76979871", uploaded: false })).toEqual({
      kind: "embed",
      host: "Vimeo",
      embedUrl: "https://player.vimeo.com/video/76979871?dnt=1",
      watchUrl: "https://vimeo.com/76979871",
    });
    expect(videoSource({ url: "https://player.vimeo.com/video/76979871", uploaded: false }).kind).toBe(
      "embed",
    );
  });

  it("links to other hosts and look-alikes rather than embedding them", () => {
    expect(
      videoSource({ url: "https://www.youtube.com.evil.example/watch?v=dQw4w9WgXcQ", uploaded: false }),
    ).toEqual({ kind: "link", url: "https://www.youtube.com.evil.example/watch?v=dQw4w9WgXcQ" });
    expect(videoSource({ url: "https://notvimeo.com/76979871", uploaded: false }).kind).toBe("link");
    expect(videoSource({ url: "https://www.youtube.com/watch?v=bad", uploaded: false }).kind).toBe("link");
    expect(videoSource({ url: "https://example.org/video-page", uploaded: false }).kind).toBe("link");
  });

  it("shows nothing for addresses that are not http(s)", () => {
    expect(videoSource({ url: "javascript:alert(1)", uploaded: false })).toEqual({ kind: "none" });
    expect(videoSource({ url: "data:video/mp4;base64,AAAA", uploaded: false })).toEqual({ kind: "none" });
  });
});
