// Copies the text of the element named by data-copy and says so to screen readers.
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-copy]");
  if (!button) { return; }
  var field = document.getElementById(button.getAttribute("data-copy"));
  var status = document.querySelector(".copy-status");
  navigator.clipboard.writeText(field.value).then(function () {
    if (status) { status.textContent = status.getAttribute("data-copied"); }
  });
});
