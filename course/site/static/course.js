/*
 * Interface texts that sphinx-copybutton and sphinx-togglebutton write in
 * English from JavaScript, put into the page's language. The words come
 * from the project's catalog (locale/<lang>/LC_MESSAGES/sphinx.po) through
 * Sphinx's translations.js, so this file holds no language of its own.
 *
 * Loaded right after copybutton.js and togglebutton.js: it changes their
 * settings before the page is ready, then relabels what they added.
 */
"use strict";
(() => {
  const _ = Documentation.gettext;

  // copybutton picks its texts from its own table at load time and builds
  // its buttons when the page is ready: fill the table it picked in time.
  if (typeof messages !== "undefined" && typeof locale !== "undefined") {
    Object.assign(messages[locale], {
      copy: _("Copy"),
      copy_to_clipboard: _("Copy to clipboard"),
      copy_success: _("Copied!"),
      copy_failure: _("Failed to copy"),
    });
    const retitle = (svg, text) => svg.replace(/<title>.*?<\/title>/, `<title>${text}</title>`);
    iconCopy = retitle(iconCopy, _("Copy to clipboard"));
    iconCheck = retitle(iconCheck, _("Copied!"));
  }

  // togglebutton's button carries a fixed English aria-label. Listeners run
  // in the order they were added, so this runs after togglebutton's own.
  const relabelToggleButtons = () => {
    document.querySelectorAll("button.toggle-button").forEach((button) => {
      button.setAttribute("aria-label", _("Toggle hidden content"));
    });
  };

  // A code block or a table too wide for the screen (a phone's, often)
  // scrolls sideways; keyboard users can scroll it only if it can take the
  // focus.
  const makeCodeFocusable = () => {
    document.querySelectorAll("div.highlight pre, .table-wrapper").forEach((box) => {
      box.tabIndex = 0;
    });
  };

  // A solution's title says what a click does: "Show solution" while it is
  // closed, "Hide solution" while open. togglebutton marks a closed box with
  // the class toggle-hidden, whichever way (mouse, keyboard) it was toggled.
  const retitleSolutions = () => {
    document.querySelectorAll(".admonition.solution").forEach((box) => {
      const words = box.querySelector(".admonition-title").firstChild;
      const retitle = () => {
        const closed = box.classList.contains("toggle-hidden");
        words.textContent = closed ? _("Show solution") : _("Hide solution");
      };
      new MutationObserver(retitle).observe(box, { attributeFilter: ["class"] });
      retitle();
    });
  };

  // On the search page, the switch to another language takes the query
  // along (the templates mark those links), and the other language's search
  // page searches for it at once.
  const keepSearchQuery = () => {
    document.querySelectorAll("a[data-keeps-query]").forEach((link) => {
      const target = link.getAttribute("href").split(/[?#]/)[0];
      link.setAttribute("href", target + window.location.search);
    });
  };

  const whenReady = (callback) => {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", callback);
    } else {
      callback();
    }
  };
  whenReady(relabelToggleButtons);
  whenReady(makeCodeFocusable);
  whenReady(retitleSolutions);
  whenReady(keepSearchQuery);
})();
