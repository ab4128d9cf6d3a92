/** Offering a file to the user without the `downloads` permission: a temporary `a[download]`. */

/** Offers `text` as a file named `name`, of MIME type `type`. */
export function offerDownload(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started reading the blob by now; let it finish before freeing it.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
