import { useMutation } from "@tanstack/react-query";
import { type StoredFile, StoredFileSchema } from "../../../../shared/authoring";
import { uploadWithProgress } from "../../../lib/upload";

/** POST /api/authoring/files as multipart/form-data; `onProgress` gets the percentage sent. */
export function uploadFile(file: File, onProgress: (percent: number) => void): Promise<StoredFile> {
  const form = new FormData();
  form.append("file", file);
  return uploadWithProgress("/api/authoring/files", form, StoredFileSchema, onProgress, "file");
}

/** Uploads one file, reporting progress as it goes. */
export function useUploadFile(onProgress: (percent: number) => void) {
  return useMutation({ mutationFn: (file: File) => uploadFile(file, onProgress) });
}
