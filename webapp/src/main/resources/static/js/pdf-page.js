// Draws one page of a PDF.js document on a canvas, fitted to the width of the canvas's box (at most twice its
// natural size) times a zoom, sharp on high-density screens. Shared by the library's viewer and the buyer's viewer.
// A drawing still running when the next starts is cancelled: `draw` then resolves false, and true once drawn.
export const pageDrawer = (canvas) => {
  const wrap = canvas.parentElement;
  let rendering = null;

  return async (pdf, number, zoom = 1) => {
    if (rendering) {
      rendering.cancel();
    }
    const page = await pdf.getPage(number);
    const natural = page.getViewport({ scale: 1 });
    const style = getComputedStyle(wrap);
    const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
    const available = Math.max(200, wrap.clientWidth - padding - 4);
    const scale = Math.min(available / natural.width, 2) * zoom;
    const viewport = page.getViewport({ scale });
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.floor(viewport.width * ratio);
    canvas.height = Math.floor(viewport.height * ratio);
    canvas.style.width = Math.floor(viewport.width) + "px";
    canvas.style.height = Math.floor(viewport.height) + "px";
    const task = page.render({
      canvas,
      canvasContext: canvas.getContext("2d"),
      viewport,
      transform: ratio !== 1 ? [ratio, 0, 0, ratio, 0, 0] : null,
    });
    rendering = task;
    try {
      await task.promise;
      return true;
    } catch (e) {
      if (e && e.name === "RenderingCancelledException") {
        return false;
      }
      throw e;
    } finally {
      if (rendering === task) {
        rendering = null;
      }
    }
  };
};
