// Quick exit on the pages for survivors: leave for a blank page at once, replacing this page in the history
// so Back does not return to it. It asks nothing of any other site.
document.addEventListener("click", (event) => {
  const link = event.target.closest && event.target.closest("[data-quick-exit]");
  if (!link) return;
  event.preventDefault();
  document.title = "";
  document.body.textContent = "";
  window.location.replace("about:blank");
});
