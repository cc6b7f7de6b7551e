// domaingen web page: posts the form to /v1/suggest and shows the answer.
// Every piece of text from the server or the user is inserted with
// textContent, never parsed as HTML: descriptions may hold markup.
"use strict";

(function () {
  const MAX_CHARS = 2000;

  // Plain words for the safety categories a blocked response may carry.
  const CATEGORY_WORDS = {
    adult_sexual: "adult or sexual content",
    csam: "sexual content involving minors",
    counterfeit_goods: "counterfeit goods",
    doxxing_privacy: "exposing people's private information",
    drugs_illegal: "illegal drugs",
    fraud_scams_phishing: "fraud, scams or phishing",
    gambling_unlicensed: "unlicensed gambling",
    hate_extremism: "hate or extremism",
    human_trafficking: "human trafficking",
    impersonation_trademark_abuse: "impersonating a brand or organisation",
    prompt_injection: "attempts to manipulate the assistant",
    self_harm_promotion: "promoting self-harm",
    terrorism: "terrorism",
    violence_threats: "violence or threats",
    weapons_illegal: "illegal weapons",
  };

  const form = document.getElementById("suggest-form");
  const description = document.getElementById("description");
  const charCount = document.getElementById("char-count");
  const count = document.getElementById("count");
  const countValue = document.getElementById("count-value");
  const submit = document.getElementById("submit");
  const message = document.getElementById("message");
  const results = document.getElementById("results");
  const resultsMeta = document.getElementById("results-meta");
  const list = document.getElementById("result-list");
  const template = document.getElementById("card-template");
  const onlyAvailable = document.getElementById("only-available");

  // Badge words for the availability statuses; anything else is "unknown".
  const STATUS_WORDS = {
    available: "available",
    taken: "taken",
    unknown: "unknown",
    reserved: "reserved",
    premium: "premium",
  };
  const METHOD_WORDS = { dns: "DNS", rdap: "RDAP", whois: "WHOIS", cache: "cache", none: "no source" };

  // Set to false when the server answers 501 (availability checking off):
  // the page then asks without it and shows no badges.
  let availabilityOn = true;

  let controller = null;

  // categoryWords turns a category id into words a person can read.
  function categoryWords(category) {
    if (!category) return "content that is not allowed";
    return CATEGORY_WORDS[category] || category.replace(/[_-]+/g, " ");
  }

  function setLoading(loading) {
    submit.disabled = loading;
    submit.classList.toggle("is-loading", loading);
    submit.setAttribute("aria-busy", String(loading));
    submit.querySelector(".button-label").textContent = loading ? "Thinking…" : "Suggest domains";
    form.setAttribute("aria-busy", String(loading));
  }

  // showMessage shows one message; kind is "blocked", "error" or "info".
  function showMessage(kind, title, detail) {
    message.replaceChildren();
    message.className = "message message-" + kind;
    message.dataset.kind = kind;
    const strong = document.createElement("strong");
    strong.textContent = title;
    message.appendChild(strong);
    if (detail) {
      const p = document.createElement("span");
      p.textContent = " " + detail;
      message.appendChild(p);
    }
    message.hidden = false;
  }

  function clearMessage() {
    message.hidden = true;
    message.replaceChildren();
    delete message.dataset.kind;
  }

  function clearResults() {
    list.replaceChildren();
    results.hidden = true;
  }

  function selectedTLDs() {
    return Array.from(form.querySelectorAll('input[name="tld"]:checked'), (el) => el.value);
  }

  async function copyText(text, button) {
    try {
      await navigator.clipboard.writeText(text);
    } catch (err) {
      // Clipboard API unavailable (http, permissions): fall back to a selection.
      const area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.className = "offscreen";
      document.body.appendChild(area);
      area.select();
      try { document.execCommand("copy"); } catch (e) { /* nothing more to try */ }
      area.remove();
    }
    button.textContent = "Copied";
    button.classList.add("is-copied");
    setTimeout(() => {
      button.textContent = "Copy";
      button.classList.remove("is-copied");
    }, 1500);
  }

  // renderCard draws one suggestion. With calibrated confidences the bar is
  // an estimated chance of being shortlisted (docs/api.md); otherwise it is
  // the model's raw score, and the label says so.
  function renderCard(s, index, calibrated) {
    const card = template.content.firstElementChild.cloneNode(true);
    const pct = Math.round(Math.max(0, Math.min(1, Number(s.confidence) || 0)) * 100);
    card.style.setProperty("--delay", index * 30 + "ms");
    card.querySelector(".domain").textContent = s.domain;
    card.querySelector(".bar-fill").style.width = pct + "%";
    const bar = card.querySelector(".bar");
    bar.setAttribute("aria-valuenow", String(pct));
    bar.setAttribute("aria-label", (calibrated ? "Estimated chance a reviewer would shortlist " : "Raw model score (not calibrated) for ") + s.domain);
    const label = card.querySelector(".pct");
    label.textContent = pct + "%";
    label.title = calibrated
      ? "Of names shown with " + pct + "%, about " + pct + "% are rated shortlist-worthy by our validated judge. Not a promise about this name, nor about availability or trademarks."
      : "Raw model score, not calibrated for this model: use it to compare names in this list only.";
    if (s.source === "fallback") card.classList.add("is-fallback");
    if (s.availability) renderBadge(card, s.availability);
    const copy = card.querySelector(".copy");
    copy.setAttribute("aria-label", "Copy " + s.domain);
    copy.addEventListener("click", () => copyText(s.domain, copy));
    return card;
  }

  // availabilityTooltip says how and when the status was found, e.g.
  // "RDAP https://rdap.verisign.com/com/v1/ (HTTP 404), 2026-12-08 03:10 UTC".
  function availabilityTooltip(a) {
    const parts = [];
    let how = METHOD_WORDS[a.method] || String(a.method || "");
    if (a.cached) how = "cached answer";
    if (a.server) how += " " + a.server;
    if (a.http_status) how += " (HTTP " + a.http_status + ")";
    else if (a.rcode) how += " (" + a.rcode + ")";
    parts.push("Checked by " + how);
    const t = new Date(a.checked_at);
    if (!isNaN(t)) parts.push("at " + t.toISOString().replace("T", " ").replace(/\.\d+Z$|Z$/, " UTC"));
    let text = parts.join(" ") + ".";
    if (a.reason) text += " " + a.reason.trim() + (/[.!?]$/.test(a.reason.trim()) ? "" : ".");
    if (a.registrar) text += " Registrar: " + a.registrar + ".";
    if (a.expires) text += " Expires: " + a.expires + ".";
    return text;
  }

  function renderBadge(card, a) {
    const status = STATUS_WORDS[a.status] ? a.status : "unknown";
    const badge = card.querySelector(".badge");
    badge.textContent = STATUS_WORDS[status];
    badge.dataset.status = status;
    badge.dataset.method = String(a.method || "");
    const tip = availabilityTooltip(a);
    badge.title = tip;
    badge.setAttribute("aria-label", STATUS_WORDS[status] + ". " + tip);
    badge.tabIndex = 0;
    badge.hidden = false;
    card.classList.add("is-" + status);
  }

  function renderResults(body) {
    const items = Array.isArray(body.suggestions) ? body.suggestions : [];
    const calibrated = body.confidence_calibrated === true;
    list.replaceChildren(...items.map((s, i) => renderCard(s, i, calibrated)));
    const parts = [items.length + (items.length === 1 ? " name" : " names")];
    if (body.model) parts.push("model " + body.model);
    if (items.length > 0) parts.push(calibrated ? "% = estimated chance of being shortlisted" : "% = raw model score (not calibrated)");
    const sum = body.availability;
    if (sum) parts.push(sum.checked + " checked, " + sum.available + " available");
    resultsMeta.textContent = parts.join(" · ");
    results.hidden = false;
    if (sum && !sum.complete) {
      showMessage(
        "info",
        items.length === 0 ? "No name could be confirmed available." : "Only " + items.length + (items.length === 1 ? " name" : " names") + " could be confirmed available.",
        sum.checked + " checked, " + sum.unverified + " could not be verified (no answer from DNS or the registry). Untick “Only show available names” to see them all."
      );
    } else if (items.length === 0) {
      showMessage("info", "No names this time.", "Try describing your business in a little more detail.");
    }
  }

  function renderBlocked(body) {
    showMessage(
      "blocked",
      "We can't suggest names for this request.",
      "It looks like it involves " + categoryWords(body.category) + "."
    );
  }

  // sentence capitalises text and ends it with a full stop.
  function sentence(text) {
    const t = text.trim();
    if (!t) return "";
    const first = t.charAt(0).toUpperCase() + t.slice(1);
    return /[.!?]$/.test(first) ? first : first + ".";
  }

  function renderError(status, body) {
    const detail = body && typeof body.message === "string" ? sentence(body.message) : "";
    if (status === 400) {
      showMessage("error", "Please check your description.", detail);
    } else if (status === 429) {
      showMessage("error", "The server is busy.", "Please try again in a few seconds.");
    } else if (status === 503) {
      showMessage("error", "The model is still loading.", "Please try again in a moment.");
    } else if (status === 504) {
      showMessage("error", "That took too long.", "Please try again.");
    } else {
      showMessage("error", "Something went wrong.", detail || "Please try again.");
    }
  }

  async function onSubmit(event) {
    event.preventDefault();
    if (controller) controller.abort();
    controller = new AbortController();
    clearMessage();
    clearResults();
    setLoading(true);
    const payload = { business_description: description.value, count: Number(count.value) };
    const tlds = selectedTLDs();
    if (tlds.length > 0) payload.tlds = tlds;
    if (availabilityOn) {
      payload.check_availability = true;
      if (onlyAvailable.checked) payload.only_available = true;
    }
    try {
      let res = await post(payload);
      if (res.status === 501 && payload.check_availability) {
        // This server does not check availability: ask again without.
        availabilityOn = false;
        onlyAvailable.disabled = true;
        delete payload.check_availability;
        delete payload.only_available;
        res = await post(payload);
      }
      let body = null;
      try { body = await res.json(); } catch (e) { body = null; }
      if (res.ok && body && body.status === "blocked") {
        renderBlocked(body);
      } else if (res.ok && body && body.status === "success") {
        renderResults(body);
      } else {
        renderError(res.status, body);
      }
    } catch (err) {
      if (err && err.name === "AbortError") return;
      showMessage("error", "Could not reach the server.", "Check your connection and try again.");
    } finally {
      setLoading(false);
    }
  }

  function post(payload) {
    return fetch("/v1/suggest", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(payload),
      signal: controller.signal,
    });
  }

  function updateCount() {
    const n = Array.from(description.value).length;
    charCount.textContent = String(n);
    charCount.parentElement.classList.toggle("is-over", n > MAX_CHARS);
  }

  description.addEventListener("input", updateCount);
  description.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) form.requestSubmit();
  });
  count.addEventListener("input", () => { countValue.textContent = count.value; });
  form.addEventListener("submit", onSubmit);
  updateCount();
})();
