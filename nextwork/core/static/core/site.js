// Starts the design system's components, also in content swapped in by htmx.
document.addEventListener("DOMContentLoaded", function () {
  if (window.DKFDS) { window.DKFDS.init(); }
});
document.addEventListener("htmx:afterSwap", function (event) {
  if (window.DKFDS) { window.DKFDS.init({ scope: event.detail.target }); }
});
