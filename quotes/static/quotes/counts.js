// The search page counts its most recently added matches at once, which keeps it quick. This asks the
// count page (/counts/) for every match, exact up to QUOTES_SEARCH_COUNTED_MATCHES, and puts its figures
// in place of the sample's: the result count, each facet's values, and the note when they are estimates.
// Without JavaScript the "Count every match" link opens that page.
(function () {
  "use strict";
  const link = document.querySelector("[data-counts-url]");
  const status = document.querySelector(".summary [role=status]");
  if (!link || !status || !window.fetch || !window.DOMParser) {
    return;
  }
  status.setAttribute("aria-busy", "true");
  fetch(link.getAttribute("data-counts-url"), { headers: { Accept: "text/html" } })
    .then(function (response) {
      if (!response.ok) {
        throw new Error("count page: " + response.status);
      }
      return response.text();
    })
    .then(function (html) {
      const counted = new DOMParser().parseFromString(html, "text/html");
      const figure = counted.querySelector(".match-count");
      if (!figure) {
        return;
      }
      status.textContent = figure.textContent;
      const note = counted.querySelector(".counts-note");
      if (note) {
        status.after(document.importNode(note, true));
      }
      counted.querySelectorAll("[data-facet]").forEach(function (section) {
        const here = document.querySelector('.facets [data-facet="' + section.dataset.facet + '"]');
        const values = section.querySelector("ul");
        if (!here || !values) {
          return;
        }
        here.querySelector("ul").replaceWith(document.importNode(values, true));
        here.querySelectorAll(".facet-note").forEach(function (sampleNote) {
          sampleNote.remove();
        });
      });
      link.replaceWith(document.createTextNode("Every match counted"));
    })
    .catch(function () {
      // The sample's figures and the link stay.
    })
    .finally(function () {
      status.removeAttribute("aria-busy");
    });
})();
