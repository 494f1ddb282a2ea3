/** How a video step is shown: a player for files, a privacy-enhanced embed for YouTube and Vimeo, else a link. */
export type VideoSource =
  | { kind: "file"; url: string }
  | { kind: "embed"; host: "YouTube" | "Vimeo"; embedUrl: string; watchUrl: string }
  | { kind: "link"; url: string }
  | { kind: "none" };

const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;
const VIMEO_ID = /^\d{1,12}$/;
const YOUTUBE_HOSTS = new Set(["youtube.com", "www.youtube.com", "m.youtube.com", "youtube-nocookie.com"]);

function parseUrl(value: string): URL | null {
  try {
    // Relative addresses are files on this site.
    return new URL(value, "https://site.invalid");
  } catch {
    return null;
  }
}

function youtubeId(url: URL): string | null {
  const host = url.hostname.toLowerCase().replace(/^www\./, "");
  if (host === "youtu.be") return url.pathname.split("/")[1] ?? null;
  if (!YOUTUBE_HOSTS.has(host) && !YOUTUBE_HOSTS.has(`www.${host}`)) return null;
  if (url.pathname === "/watch") return url.searchParams.get("v");
  const [, section, id] = url.pathname.split("/");
  return section === "embed" || section === "shorts" || section === "live" ? (id ?? null) : null;
}

function vimeoId(url: URL): string | null {
  const host = url.hostname.toLowerCase();
  const parts = url.pathname.split("/").filter(Boolean);
  if (host === "vimeo.com" || host === "www.vimeo.com") return parts[0] ?? null;
  if (host === "player.vimeo.com" && parts[0] === "video") return parts[1] ?? null;
  return null;
}

/**
 * Decides how to show a step's video. Uploaded files and .mp4/.webm addresses play in the browser's own player;
 * YouTube and Vimeo (and only those) are embedded through their privacy-enhanced players (youtube-nocookie.com,
 * Vimeo with do-not-track); any other web address becomes a link, and anything that is not http(s) is not shown.
 */
export function videoSource(video: { url: string; uploaded: boolean }): VideoSource {
  const url = parseUrl(video.url);
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:")) return { kind: "none" };
  const external = url.hostname !== "site.invalid";
  if (video.uploaded || /\.(mp4|webm)$/i.test(url.pathname)) {
    return { kind: "file", url: external ? url.href : video.url };
  }
  if (!external) return { kind: "link", url: video.url };
  const youtube = youtubeId(url);
  if (youtube && YOUTUBE_ID.test(youtube)) {
    return {
      kind: "embed",
      host: "YouTube",
      embedUrl: `https://www.youtube-nocookie.com/embed/${youtube}`,
      watchUrl: `https://www.youtube.com/watch?v=${youtube}`,
    };
  }
  const vimeo = vimeoId(url);
  if (vimeo && VIMEO_ID.test(vimeo)) {
    return {
      kind: "embed",
      host: "Vimeo",
      embedUrl: `https://player.vimeo.com/video/${vimeo}?dnt=1`,
      watchUrl: `https://vimeo.com/${vimeo}`,
    };
  }
  return { kind: "link", url: url.href };
}
