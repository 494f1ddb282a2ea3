import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { HelpArticleInputSchema } from "../../../shared/help.js";
import type { Db } from "../../platform/db.js";
import * as repo from "./help.repository.js";

const DATA_FILE = fileURLToPath(new URL("./data/help.json", import.meta.url));

/** The shape of data/help.json: the answers an editor could have written, checked by the same rules. */
const HelpSeedSchema = z
  .object({ articles: z.array(HelpArticleInputSchema.partial({ published: true })).min(1) })
  .strict()
  .superRefine((data, ctx) => {
    const seen = new Set<string>();
    for (const article of data.articles) {
      if (seen.has(article.slug))
        ctx.addIssue({ code: "custom", message: `slug ${article.slug} is repeated` });
      seen.add(article.slug);
    }
  });

/** The seed's answers, parsed and checked (exported so tests can compare them with the platform's rules). */
export function readHelpSeed() {
  return HelpSeedSchema.parse(JSON.parse(readFileSync(DATA_FILE, "utf8"))).articles;
}

/** Loads the help centre's first answers into an empty help centre. Returns how many were added. */
export async function seedHelp(db: Db): Promise<number> {
  if ((await repo.countArticles(db)) > 0) return 0;
  const articles = readHelpSeed();
  return db.transaction((tx) =>
    repo.insertArticles(
      tx,
      articles.map((article) => ({ ...article, published: article.published ?? true })),
    ),
  );
}
