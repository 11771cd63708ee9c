// A sheet page printed without a known public address still says where it
// came from: the address the reader opened it at.
(function () {
  "use strict";
  var address = document.getElementById("print-address");
  if (address && !address.textContent) {
    address.textContent = ", " + window.location.href.split(/[?#]/)[0];
  }
})();
