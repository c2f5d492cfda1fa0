// The PDF viewer: PDF.js (from its WebJar) renders one page at a time to a canvas, with page navigation and zoom.
// Loaded as a module; PDF.js runs its parser in a module worker from the same origin.
import { pageDrawer } from "./pdf-page.js";

const viewer = document.getElementById("pdf-viewer");

if (viewer) {
  const canvas = document.getElementById("pdf-canvas");
  const wrap = canvas.parentElement;
  const pageLabel = document.getElementById("pdf-page");
  const zoomLabel = document.getElementById("pdf-zoom");
  const error = document.getElementById("pdf-error");
  const prev = document.getElementById("pdf-prev");
  const next = document.getElementById("pdf-next");
  const zoomIn = document.getElementById("pdf-zoom-in");
  const zoomOut = document.getElementById("pdf-zoom-out");
  const ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3];

  let pdf = null;
  let current = 1;
  let zoom = 2; // index into ZOOMS: 1 = fit the page to the width available
  const draw = pageDrawer(canvas);

  const fail = (message) => {
    error.textContent = message;
    error.hidden = false;
    pageLabel.textContent = "The document could not be shown";
  };

  const render = async () => {
    if (!(await draw(pdf, current, ZOOMS[zoom]))) {
      return;
    }
    pageLabel.textContent = "Page " + current + " of " + pdf.numPages;
    canvas.setAttribute("aria-label", "Page " + current + " of " + pdf.numPages + " of the document");
    zoomLabel.textContent = Math.round(ZOOMS[zoom] * 100) + "%";
    prev.disabled = current <= 1;
    next.disabled = current >= pdf.numPages;
    zoomOut.disabled = zoom === 0;
    zoomIn.disabled = zoom === ZOOMS.length - 1;
  };

  const show = (change) => {
    change();
    render().catch((e) => fail("This page could not be drawn: " + (e && e.message ? e.message : e)));
  };

  prev.addEventListener("click", () => show(() => { current = Math.max(1, current - 1); }));
  next.addEventListener("click", () => show(() => { current = Math.min(pdf.numPages, current + 1); }));
  zoomIn.addEventListener("click", () => show(() => { zoom = Math.min(ZOOMS.length - 1, zoom + 1); }));
  zoomOut.addEventListener("click", () => show(() => { zoom = Math.max(0, zoom - 1); }));
  wrap.addEventListener("keydown", (event) => {
    if (!pdf) {
      return;
    }
    if ((event.key === "ArrowRight" || event.key === "PageDown") && current < pdf.numPages) {
      event.preventDefault();
      show(() => { current += 1; });
    } else if ((event.key === "ArrowLeft" || event.key === "PageUp") && current > 1) {
      event.preventDefault();
      show(() => { current -= 1; });
    }
  });

  try {
    const pdfjs = await import(viewer.dataset.library);
    pdfjs.GlobalWorkerOptions.workerSrc = viewer.dataset.worker;
    pdf = await pdfjs.getDocument({
      url: viewer.dataset.src,
      withCredentials: true,
      isEvalSupported: false,
      disableRange: true,
      standardFontDataUrl: viewer.dataset.fonts,
      cMapUrl: viewer.dataset.cmaps,
      cMapPacked: true,
      wasmUrl: viewer.dataset.wasm,
    }).promise;
    await render();
  } catch (e) {
    fail("The document could not be opened: " + (e && e.message ? e.message : e) + ". Download it instead.");
  }
}
