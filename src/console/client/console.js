// The console's one script module: it wires the behaviours that pages declare with data attributes.
import { initForms } from "./forms.js";
import { initObjects } from "./objects.js";
import { initRefresh } from "./refresh.js";
import { initViewer } from "./viewer.js";

initForms();
initObjects();
initRefresh();
for (const viewer of document.querySelectorAll("[data-viewer]")) {
  if (viewer instanceof HTMLElement) initViewer(viewer);
}
