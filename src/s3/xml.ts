/** The little XML S3's answers need: escaped elements inside a document with S3's namespace. */

const NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";

const ENTITIES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

export function xmlElement(name: string, text: string | number | boolean): string {
  return `<${name}>${escapeXml(String(text))}</${name}>`;
}

/** `<name>` with already-rendered children. */
export function xmlParent(name: string, children: string): string {
  return `<${name}>${children}</${name}>`;
}

/** A whole document; S3 puts its namespace on result roots but not on <Error>. */
export function xmlDocument(root: string, children: string, namespaced = true): string {
  const open = namespaced ? `<${root} xmlns="${NAMESPACE}">` : `<${root}>`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${open}${children}</${root}>`;
}
