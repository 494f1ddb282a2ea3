import { useMutation } from "@tanstack/react-query";
import { type ScormPackage, ScormPackageSchema } from "../../../../shared/scorm";
import { uploadWithProgress } from "../../../lib/upload";

/** What an upload sends besides the file. */
export interface ScormUpload {
  file: File;
  /** A UUID the page polls the import's stages with. */
  importId: string;
  /** The package this one replaces, making it the next version. */
  replaces?: string | undefined;
}

/**
 * POST /api/scorm-packages as multipart/form-data, the fields before the file so the server has them when the file
 * arrives; `onProgress` gets the percentage sent.
 */
export function uploadScormPackage(
  upload: ScormUpload,
  onProgress: (percent: number) => void,
): Promise<ScormPackage> {
  const form = new FormData();
  form.append("importId", upload.importId);
  if (upload.replaces) form.append("replaces", upload.replaces);
  form.append("file", upload.file);
  return uploadWithProgress("/api/scorm-packages", form, ScormPackageSchema, onProgress, "package");
}

/** Uploads one package, reporting the share sent as it goes. */
export function useUploadScormPackage(onProgress: (percent: number) => void) {
  return useMutation({ mutationFn: (upload: ScormUpload) => uploadScormPackage(upload, onProgress) });
}
