/** The rules AWS applies to stream tags. */
import { InvalidArgumentException } from "../aws/errors";
import { KINESIS } from "../limits";

interface Where {
  account: string;
  streamName: string;
}

/**
 * Tags may hold Unicode letters, digits, white space and `_ . / = + - % @ :`; AWS then refuses `%`
 * anyway. Its "white space" is the space character alone: a tab, a newline or any other space is
 * refused (kinesalite's tests against AWS).
 */
const TAG_CHARACTERS = /^[\p{L}\p{N} _.:/=+\-@%]*$/u;

export function checkTagCharacters(where: Where, action: "add tags to" | "remove tags from", texts: string[]): void {
  if (!texts.every((text) => TAG_CHARACTERS.test(text))) {
    throw new InvalidArgumentException(
      "Some tags contain invalid characters. Valid characters: Unicode letters, digits, white space, _ . / = + - % @.",
    );
  }
  if (texts.some((text) => text.includes("%"))) {
    throw new InvalidArgumentException(
      `Failed to ${action} stream ${where.streamName} under account ${where.account} because some tags contained illegal characters. ` +
        "The allowed characters are Unicode letters, white-spaces, '_',',','/','=','+','-','@'.",
    );
  }
}

export function checkTagCount(where: Where, count: number): void {
  if (count > KINESIS.maxTagsPerStream) {
    // AWS's message still names the old limit of 10 while enforcing 50.
    throw new InvalidArgumentException(
      `Failed to add tags to stream ${where.streamName} under account ${where.account} because a given stream cannot have more than 10 tags associated with it.`,
    );
  }
}
