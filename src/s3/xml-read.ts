/**
 * Reading the small XML documents S3 requests carry (DeleteObjects' <Delete>, CompleteMultipartUpload's
 * <CompleteMultipartUpload>): elements, text with the five entities and character references, CDATA
 * and comments. Attributes and namespaces are read past and ignored (S3 matches on local names);
 * DTDs are refused. Anything not well-formed is S3's MalformedXML.
 */
import { malformedXml } from "./errors";

export interface XmlNode {
  /** The local name (a `prefix:` is dropped). */
  name: string;
  children: XmlNode[];
  /** The element's own text, entities decoded, untrimmed (keys may begin or end with spaces). */
  text: string;
}

const NAME = /^[A-Za-z_][\w.:-]*/;
const ENTITIES: Readonly<Record<string, string>> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

export function parseXml(source: string): XmlNode {
  const reader = { source, at: 0 };
  skipMisc(reader, true);
  const root = element(reader);
  skipMisc(reader, false);
  if (reader.at !== source.length) throw malformedXml();
  return root;
}

/** The first child named `name`, if any. */
export function childNamed(node: XmlNode, name: string): XmlNode | undefined {
  return node.children.find((child) => child.name === name);
}

interface Reader {
  source: string;
  at: number;
}

/** Whitespace, comments and (before the root) the XML declaration and processing instructions. */
function skipMisc(reader: Reader, prolog: boolean): void {
  const { source } = reader;
  if (prolog && source.charCodeAt(0) === 0xfeff) reader.at = 1;
  for (;;) {
    while (reader.at < source.length && /\s/.test(source[reader.at] ?? "")) reader.at++;
    if (source.startsWith("<!--", reader.at)) skipPast(reader, "-->");
    else if (prolog && source.startsWith("<?", reader.at)) skipPast(reader, "?>");
    else return;
  }
}

function skipPast(reader: Reader, end: string): void {
  const found = reader.source.indexOf(end, reader.at);
  if (found < 0) throw malformedXml();
  reader.at = found + end.length;
}

function element(reader: Reader): XmlNode {
  const { source } = reader;
  if (source[reader.at] !== "<") throw malformedXml();
  reader.at++;
  const qualified = NAME.exec(source.slice(reader.at, reader.at + 256))?.[0];
  if (qualified === undefined) throw malformedXml();
  reader.at += qualified.length;
  skipAttributes(reader);
  const node: XmlNode = { name: qualified.slice(qualified.indexOf(":") + 1), children: [], text: "" };
  if (source.startsWith("/>", reader.at)) {
    reader.at += 2;
    return node;
  }
  if (source[reader.at] !== ">") throw malformedXml();
  reader.at++;
  for (;;) {
    if (reader.at >= source.length) throw malformedXml();
    if (source.startsWith("</", reader.at)) {
      reader.at += 2;
      if (!source.startsWith(qualified, reader.at)) throw malformedXml();
      reader.at += qualified.length;
      while (/\s/.test(source[reader.at] ?? "")) reader.at++;
      if (source[reader.at] !== ">") throw malformedXml();
      reader.at++;
      return node;
    }
    if (source.startsWith("<!--", reader.at)) skipPast(reader, "-->");
    else if (source.startsWith("<![CDATA[", reader.at)) {
      const end = source.indexOf("]]>", reader.at);
      if (end < 0) throw malformedXml();
      node.text += source.slice(reader.at + 9, end);
      reader.at = end + 3;
    } else if (source.startsWith("<!", reader.at) || source.startsWith("<?", reader.at)) throw malformedXml();
    else if (source[reader.at] === "<") node.children.push(element(reader));
    else node.text += text(reader);
  }
}

function skipAttributes(reader: Reader): void {
  const { source } = reader;
  for (;;) {
    while (/\s/.test(source[reader.at] ?? "")) reader.at++;
    const char = source[reader.at];
    if (char === ">" || char === "/" || char === undefined) return;
    const name = NAME.exec(source.slice(reader.at, reader.at + 256))?.[0];
    if (name === undefined) throw malformedXml();
    reader.at += name.length;
    while (/\s/.test(source[reader.at] ?? "")) reader.at++;
    if (source[reader.at] !== "=") throw malformedXml();
    reader.at++;
    while (/\s/.test(source[reader.at] ?? "")) reader.at++;
    const quote = source[reader.at];
    if (quote !== '"' && quote !== "'") throw malformedXml();
    const end = source.indexOf(quote, reader.at + 1);
    if (end < 0) throw malformedXml();
    reader.at = end + 1;
  }
}

/** Character data up to the next `<`, entities decoded. */
function text(reader: Reader): string {
  const { source } = reader;
  const end = source.indexOf("<", reader.at);
  const raw = source.slice(reader.at, end < 0 ? source.length : end);
  reader.at += raw.length;
  return raw.replace(/&([^;]*);?/g, (match, entity: string) => {
    if (!match.endsWith(";")) throw malformedXml();
    const named = ENTITIES[entity];
    if (named !== undefined) return named;
    const code = /^#x([0-9a-fA-F]+)$/.exec(entity)?.[1] ?? /^#(\d+)$/.exec(entity)?.[1];
    if (code === undefined) throw malformedXml();
    const point = entity.startsWith("#x") ? parseInt(code, 16) : parseInt(code, 10);
    if (point > 0x10ffff) throw malformedXml();
    return String.fromCodePoint(point);
  });
}
