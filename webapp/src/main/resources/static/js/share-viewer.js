// The buyer's viewer of a share link: shows one item at a time (PDFs page by page with PDF.js from its WebJar, images
// inline, decks and documents as page images), and tells Baton which page is read and for how long with
// navigator.sendBeacon every few seconds and when the page is hidden or left. No cookie, no storage but a random visitor id that joins page loads into one visit.
import { pageDrawer } from "./pdf-page.js";

const root = document.getElementById("share-viewer");

if (root) {
  const access = root.dataset.access;
  const beaconUrl = root.dataset.beacon;
  const interval = Number(root.dataset.interval) || 5000;

  const randomId = () => {
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  };
  let visitor;
  try {
    visitor = localStorage.getItem("baton-visitor");
    if (!visitor || !/^[A-Za-z0-9_-]{8,64}$/.test(visitor)) {
      visitor = randomId();
      localStorage.setItem("baton-visitor", visitor);
    }
  } catch (e) {
    visitor = randomId();
  }

  // --- time per page ---
  let current = null; // { item, page }
  let since = performance.now();
  let seq = 0;
  const pending = new Map(); // "item:page" -> ms

  const tick = () => {
    const now = performance.now();
    if (current && document.visibilityState === "visible") {
      const key = current.item + ":" + current.page;
      pending.set(key, (pending.get(key) || 0) + Math.round(now - since));
    }
    since = now;
  };

  const reading = (item, page) => {
    tick();
    current = { item, page };
    const key = item + ":" + page;
    if (!pending.has(key)) {
      pending.set(key, 0);
    }
  };

  const flush = () => {
    tick();
    if (pending.size === 0) {
      return;
    }
    const pages = [];
    pending.forEach((ms, key) => {
      const [item, page] = key.split(":").map(Number);
      pages.push({ item, page, ms });
    });
    pending.clear();
    const body = JSON.stringify({ access, visitor, seq: seq++, webdriver: navigator.webdriver === true, pages });
    const blob = new Blob([body], { type: "text/plain;charset=UTF-8" });
    if (!(navigator.sendBeacon && navigator.sendBeacon(beaconUrl, blob))) {
      fetch(beaconUrl, { method: "POST", body, keepalive: true, credentials: "omit" }).catch(() => {});
    }
  };

  setInterval(flush, interval);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") {
      flush();
    } else {
      since = performance.now();
    }
  });
  window.addEventListener("pagehide", flush);

  // --- PDFs ---
  let pdfjs = null;
  const library = async () => {
    if (!pdfjs) {
      pdfjs = await import(root.dataset.library);
      pdfjs.GlobalWorkerOptions.workerSrc = root.dataset.worker;
    }
    return pdfjs;
  };

  const viewers = new Map(); // item -> { show() }

  const pdfViewer = (section, item) => {
    const box = section.querySelector(".share-pdf");
    const canvas = box.querySelector(".pdf-canvas");
    const wrap = canvas.parentElement;
    const label = box.querySelector(".pdf-page");
    const error = box.querySelector(".pdf-error");
    const prev = box.querySelector(".pdf-prev");
    const next = box.querySelector(".pdf-next");
    let pdf = null;
    let page = 1;
    const draw = pageDrawer(canvas);

    const fail = (message) => {
      error.textContent = message;
      error.hidden = false;
      label.textContent = "The document could not be shown";
    };

    const render = async () => {
      if (!(await draw(pdf, page))) {
        return;
      }
      label.textContent = "Page " + page + " of " + pdf.numPages;
      canvas.setAttribute("aria-label", "Page " + page + " of " + pdf.numPages);
      prev.disabled = page <= 1;
      next.disabled = page >= pdf.numPages;
      reading(item, page);
    };

    const go = (to) => {
      if (!pdf || to < 1 || to > pdf.numPages) {
        return;
      }
      page = to;
      render().catch((e) => fail("This page could not be drawn: " + (e && e.message ? e.message : e)));
    };

    prev.addEventListener("click", () => go(page - 1));
    next.addEventListener("click", () => go(page + 1));
    wrap.addEventListener("keydown", (event) => {
      if (event.key === "ArrowRight" || event.key === "PageDown") {
        event.preventDefault();
        go(page + 1);
      } else if (event.key === "ArrowLeft" || event.key === "PageUp") {
        event.preventDefault();
        go(page - 1);
      }
    });

    let loading = null;
    return {
      show() {
        if (pdf) {
          reading(item, page);
          return;
        }
        if (!loading) {
          loading = library()
            .then((lib) => lib.getDocument({
              url: box.dataset.src,
              withCredentials: false,
              isEvalSupported: false,
              disableRange: true,
              standardFontDataUrl: root.dataset.fonts,
              cMapUrl: root.dataset.cmaps,
              cMapPacked: true,
              wasmUrl: root.dataset.wasm,
            }).promise)
            .then((doc) => {
              pdf = doc;
              return render();
            })
            .catch((e) => fail("The document could not be opened: " + (e && e.message ? e.message : e)));
        }
      },
    };
  };

  // --- decks and documents: page images one after another, loaded lazily; the page most in view is read ---
  const pagesViewer = (section, item) => {
    const figures = Array.from(section.querySelectorAll(".share-page"));
    const ratios = new Map(); // page -> visible ratio
    let page = 1;
    const observer = new IntersectionObserver((entries) => {
      entries.forEach((entry) => ratios.set(Number(entry.target.dataset.page), entry.intersectionRatio));
      let best = page;
      let bestRatio = -1;
      ratios.forEach((ratio, n) => {
        if (ratio > bestRatio) {
          best = n;
          bestRatio = ratio;
        }
      });
      if (bestRatio > 0 && best !== page) {
        page = best;
        if (!section.hidden) {
          reading(item, page);
        }
      }
    }, { threshold: [0, 0.25, 0.5, 0.75, 1] });
    figures.forEach((figure) => observer.observe(figure));
    return {
      show() {
        reading(item, page);
      },
    };
  };

  const show = (item) => {
    root.querySelectorAll(".share-item").forEach((section) => {
      const n = Number(section.dataset.item);
      section.hidden = n !== item;
      if (n !== item) {
        return;
      }
      const kind = section.dataset.kind;
      if (kind === "PDF" && section.querySelector(".share-pdf")) {
        if (!viewers.has(n)) {
          viewers.set(n, pdfViewer(section, n));
        }
        viewers.get(n).show();
      } else if (kind === "PAGES" && section.querySelector(".share-pages")) {
        if (!viewers.has(n)) {
          viewers.set(n, pagesViewer(section, n));
        }
        viewers.get(n).show();
      } else {
        // an image, or an item shown as one notice: its first (only) page
        reading(n, 1);
      }
    });
    root.querySelectorAll(".share-item-link").forEach((link) => {
      link.setAttribute("aria-current", Number(link.dataset.item) === item ? "true" : "false");
    });
  };

  root.querySelectorAll(".share-item-link").forEach((link) => {
    link.addEventListener("click", () => show(Number(link.dataset.item)));
  });
  const first = root.querySelector(".share-item");
  if (first) {
    show(Number(first.dataset.item));
  }
}
