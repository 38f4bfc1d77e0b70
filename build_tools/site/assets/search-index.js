/* Zona Integritas site: one search index for both ways of opening the site.
   The theme reads search/search_index.js (a script) from file:// and fetches
   search/search_index.json over http. The site ships only the script; this
   shim answers the theme's request for the JSON with the script's data, so a
   server and a USB stick use the same file. Loaded in <head>, before the theme. */
(function () {
  "use strict";
  var JSON_INDEX = /(^|\/)search\/search_index\.json(\?.*)?$/;
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var loading = null;

  function loadIndex(url) {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        if (window.__index) { resolve(window.__index); return; }
        var script = document.createElement("script");
        script.src = url.replace(/\.json(\?.*)?$/, ".js");
        script.onload = function () { resolve(window.__index); };
        script.onerror = function () { reject(new Error("indeks pencarian tidak dapat dimuat")); };
        document.head.appendChild(script);
      });
    }
    return loading;
  }

  function define(xhr, name, value) {
    Object.defineProperty(xhr, name, { configurable: true, get: function () { return value; } });
  }

  XMLHttpRequest.prototype.open = function (method, url) {
    this.__ziIndex = JSON_INDEX.test(String(url)) ? String(url) : null;
    return open.apply(this, arguments);
  };

  XMLHttpRequest.prototype.send = function () {
    var xhr = this;
    if (!xhr.__ziIndex) { return send.apply(xhr, arguments); }
    loadIndex(xhr.__ziIndex).then(function (index) {
      var text = JSON.stringify(index);
      var blob = new Blob([text], { type: "application/json" });
      define(xhr, "readyState", 4);
      define(xhr, "status", 200);
      define(xhr, "statusText", "OK");
      define(xhr, "responseText", text);
      define(xhr, "response", xhr.responseType === "blob" ? blob : text);
      xhr.dispatchEvent(new ProgressEvent("load"));
      xhr.dispatchEvent(new ProgressEvent("loadend"));
    }, function () {
      xhr.dispatchEvent(new ProgressEvent("error"));
    });
  };
})();
