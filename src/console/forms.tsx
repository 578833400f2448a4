/**
 * Forms that run one AWS operation through the console API (client/forms.js reads these
 * attributes): `data-api="<service>/<Operation>"`, each named field an input member (dotted names
 * nest: `StreamModeDetails.StreamMode`), `data-type` converting a value (number, boolean, list,
 * base64 of its UTF-8 text), empty fields left out. After success the page reloads, goes to
 * `navigate` (with `{Field}` filled from the form), or shows `result` (with `{Field}` filled from
 * the output). Failures show AWS's error type and message in the form. A number in a dotted name
 * makes a list: `InputConfigurations.0.Id`.
 */
import type { FC, PropsWithChildren } from "hono/jsx";
import type { ConsoleService } from "./api";

export interface ApiFormProps {
  /** "<service>/<Operation>", e.g. "kinesis/CreateStream". */
  action: `${ConsoleService}/${string}`;
  testId: string;
  /** After success: reload the page (default), go to a URL template, or show a result template. */
  then?: { reload: true } | { navigate: string } | { result: string };
  /** Asked (window.confirm) before the call. */
  confirm?: string;
  class?: string;
}

export const ApiForm: FC<PropsWithChildren<ApiFormProps>> = ({ action, testId, then, confirm, children, ...rest }) => (
  <form
    class={rest.class ?? "api-form"}
    data-api={action}
    data-testid={testId}
    data-navigate={then && "navigate" in then ? then.navigate : undefined}
    data-result={then && "result" in then ? then.result : undefined}
    data-confirm={confirm}
  >
    {children}
    <p class="form-error" data-form-error role="alert" data-testid={`${testId}-error`} hidden />
    <output class="form-result" data-form-result data-testid={`${testId}-result`} hidden />
  </form>
);

/** A fixed member of the input. */
export const Hidden: FC<{ name: string; value: string; type?: "number" | "boolean" | "list" }> = ({ name, value, type }) => (
  <input type="hidden" name={name} value={value} data-type={type} />
);
