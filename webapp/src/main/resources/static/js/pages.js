// The page viewer of decks and documents: the page images one after another (the browser loads them lazily), the
// number of the page in view, next and previous by button or keyboard (arrow keys, Page Up/Down, j/k). While the pages
// are being prepared it asks every few seconds whether they are ready and then shows them.
(() => {
  const viewer = document.getElementById("page-viewer");
  if (!viewer) {
    return;
  }

  if (viewer.dataset.status === "PENDING") {
    const poll = async () => {
      try {
        const answer = await fetch(viewer.dataset.state, { headers: { Accept: "application/json" } });
        if (answer.ok) {
          const state = await answer.json();
          if (state.status !== "PENDING") {
            window.location.reload();
            return;
          }
        }
      } catch (e) {
        // the network or the server is away for a moment: ask again later
      }
      window.setTimeout(poll, 3000);
    };
    window.setTimeout(poll, 3000);
    return;
  }

  const pages = Array.from(viewer.querySelectorAll(".page"));
  if (pages.length === 0) {
    return;
  }
  const label = document.getElementById("page-number");
  const prev = document.getElementById("page-prev");
  const next = document.getElementById("page-next");
  let current = 1;

  const show = (number) => {
    current = number;
    label.textContent = "Page " + number + " of " + pages.length;
    prev.disabled = number <= 1;
    next.disabled = number >= pages.length;
  };

  const go = (number) => {
    const target = Math.min(pages.length, Math.max(1, number));
    const page = pages[target - 1];
    // the image may not be loaded yet: ask for it now so the jump lands on it
    const image = page.querySelector("img");
    if (image && image.loading === "lazy") {
      image.loading = "eager";
    }
    page.scrollIntoView({ block: "start" });
    show(target);
  };

  // the page in view is the one nearest the top of the window
  const visible = new Map();
  const observer = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      const number = Number(entry.target.dataset.page);
      if (entry.isIntersecting) {
        visible.set(number, entry.boundingClientRect.top);
      } else {
        visible.delete(number);
      }
    }
    if (visible.size > 0) {
      const top = Array.from(visible.entries()).sort((a, b) => Math.abs(a[1]) - Math.abs(b[1]))[0][0];
      show(top);
    }
  }, { threshold: [0, 0.25, 0.5, 0.75, 1] });
  pages.forEach((page) => observer.observe(page));

  prev.addEventListener("click", () => go(current - 1));
  next.addEventListener("click", () => go(current + 1));
  document.addEventListener("keydown", (event) => {
    const target = event.target;
    if (event.altKey || event.ctrlKey || event.metaKey
        || (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)))) {
      return;
    }
    if (["ArrowRight", "PageDown", "j"].includes(event.key)) {
      event.preventDefault();
      go(current + 1);
    } else if (["ArrowLeft", "PageUp", "k"].includes(event.key)) {
      event.preventDefault();
      go(current - 1);
    }
  });
})();
