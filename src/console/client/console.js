// The console's one script module: it wires the behaviours that pages declare with data attributes.
import { initCreateApplication } from "./applications.js";
import { initForms } from "./forms.js";
import { initLiveRows } from "./live-rows.js";
import { initObjects } from "./objects.js";
import { initRefresh } from "./refresh.js";
import { initVideoStream } from "./video.js";
import { initViewer } from "./viewer.js";

initForms();
initObjects();
initRefresh();
for (const viewer of document.querySelectorAll("[data-viewer]")) {
  if (viewer instanceof HTMLElement) initViewer(viewer);
}
for (const form of document.querySelectorAll("[data-create-application]")) {
  if (form instanceof HTMLFormElement) initCreateApplication(form);
}
for (const stream of document.querySelectorAll("[data-video-stream]")) {
  if (stream instanceof HTMLElement) initVideoStream(stream);
}
for (const view of document.querySelectorAll("[data-live-rows]")) {
  if (view instanceof HTMLElement) initLiveRows(view);
}
