// The scopelens custom elements, for any page:
//
//   <script type="module" src="https://…/elements/scopelens-elements.js"></script>
//   <scopelens-decoder></scopelens-decoder>
//   <scopelens-explain code="190/463"></scopelens-explain>
//
// This file only defines the elements. The first time one of them comes
// near the viewport, it loads the wasm bundle that holds it (through the
// same loader as the app, so a failed load offers "Try again") and mounts
// it in the element's shadow root, where the host page's styles cannot
// reach; the page can theme it through `--scopelens-*` custom properties.
// A page fetches only the bundles its elements need, each once.
//
// The tags, their bundles and their attributes come from the core
// (`scopelens_core::elements::script_table`); `cargo xtask dist` writes them
// in below.

import { loadBundle, showFailure } from "./bundle-loader.js";

const ELEMENTS = /* ELEMENTS */ {};

const here = new URL(import.meta.url);
const version = here.searchParams.get("v");

/** A file beside this one, with this file's version. */
function beside(name) {
  const url = new URL(name, here);
  if (version) url.searchParams.set("v", version);
  return url.href;
}

// The app and the guide are served one level up (`cargo xtask dist`).
const PLACES = { app: new URL("../", here).href, guide: new URL("../guide/", here).href };

function bundle(name) {
  return loadBundle({
    glue: beside(`scopelens_widgets_${name}.js`),
    wasm: beside(`scopelens_widgets_${name}_bg.wasm`),
  });
}

const near = new Map(); // element -> callback, for the one observer
const observer =
  "IntersectionObserver" in window
    ? new IntersectionObserver(
        (entries) => {
          for (const entry of entries) {
            if (!entry.isIntersecting) continue;
            observer.unobserve(entry.target);
            const load = near.get(entry.target);
            near.delete(entry.target);
            if (load) load();
          }
        },
        { rootMargin: "300px 0px" },
      )
    : null;

/** Runs `load` once `element` is near the viewport. */
function whenNear(element, load) {
  if (!observer) return load();
  near.set(element, load);
  observer.observe(element);
}

class ScopelensElement extends HTMLElement {
  #glue = null; // the bundle's exports, once this element is mounted
  #root = null;
  #loading = false;

  connectedCallback() {
    if (!this.#root) this.#build();
    if (!this.#glue) whenNear(this, () => this.#mount());
  }

  disconnectedCallback() {
    near.delete(this);
    if (observer) observer.unobserve(this);
    this.#unmount();
  }

  attributeChangedCallback(_name, before, after) {
    if (before === after || !this.#glue) return;
    this.#unmount();
    this.#mount();
  }

  /** The shadow root: the stylesheet, then the element's own root. */
  #build() {
    const shadow = this.shadowRoot || this.attachShadow({ mode: "open" });
    const style = document.createElement("link");
    style.rel = "stylesheet";
    style.href = beside("elements.css");
    this.#root = document.createElement("div");
    this.#root.className = "sl-root";
    const note = document.createElement("p");
    note.className = "sl-loading";
    note.textContent = `The interactive ${ELEMENTS[this.localName].title} appears here (it runs entirely in your browser).`;
    this.#root.append(note);
    shadow.replaceChildren(style, this.#root);
  }

  #unmount() {
    if (this.#glue) {
      this.#glue.unmount_element(this.#root);
      this.#glue = null;
      this.removeAttribute("data-mounted");
    }
  }

  #mount() {
    if (this.#glue || this.#loading || !this.isConnected) return;
    this.#loading = true;
    this.setAttribute("data-loading", "true");
    let loaded = false;
    bundle(ELEMENTS[this.localName].bundle)
      .then((glue) => {
        loaded = true;
        if (!this.isConnected) return;
        const emit = (name, json) => this.dispatchEvent(new CustomEvent(name, { detail: JSON.parse(json), bubbles: true, composed: true }));
        glue.mount_element(this, this.#root, PLACES.guide, PLACES.app, emit);
        this.#glue = glue;
        this.removeAttribute("data-failed");
        this.setAttribute("data-mounted", "true");
      })
      .catch((error) => this.#fail(error, loaded))
      .finally(() => {
        this.#loading = false;
        this.removeAttribute("data-loading");
      });
  }

  /** Says what went wrong inside the element: a load that failed (with
   *  "Try again") or an attribute that cannot be read (which names it). */
  #fail(error, loaded) {
    this.setAttribute("data-failed", "true");
    const note = document.createElement("p");
    note.className = "sl-error";
    this.#root.replaceChildren(note);
    const what = `This ${ELEMENTS[this.localName].title}`;
    if (loaded) {
      note.setAttribute("role", "alert");
      note.textContent = `${what} cannot be shown: ${error && error.message ? error.message : error}`;
    } else {
      showFailure(note, {
        what,
        error,
        retry: () => this.#mount(),
        after: "The rest of the page is unaffected.",
      });
    }
    console.error(`<${this.localName}>:`, error);
  }
}

for (const [tag, { attributes }] of Object.entries(ELEMENTS)) {
  if (customElements.get(tag)) continue;
  customElements.define(
    tag,
    class extends ScopelensElement {
      static observedAttributes = attributes;
    },
  );
}
