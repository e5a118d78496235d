// Small helpers the portal calls through JS interop. No inline scripts: the Content-Security-Policy forbids them.
window.clarityPortal = {
    // What runs before this tab's circuit moves to another server (reconnect.js): each may send what it still holds
    // and stop, so nothing of the old circuit talks to the new one.
    leaving: new Set(),
    setTheme(mode) {
        const value = mode === "dark" ? "dark" : "light";
        const secure = location.protocol === "https:" ? ";secure" : "";
        document.cookie = `clarity-theme=${value};path=/;max-age=31536000;samesite=lax${secure}`;
    },
    // Drafts of what a patient types (a question), kept in this tab only and removed on sign-out.
    drafts: {
        prefix: "clarity-draft:",
        save(key, value) {
            try {
                if (value) sessionStorage.setItem(this.prefix + key, value);
                else sessionStorage.removeItem(this.prefix + key);
            } catch { /* storage full or blocked: the text stays on the page */ }
        },
        load(key) {
            try { return sessionStorage.getItem(this.prefix + key); } catch { return null; }
        },
        clear(key) {
            try { sessionStorage.removeItem(this.prefix + key); } catch { /* nothing kept */ }
        },
        clearAll() {
            try {
                Object.keys(sessionStorage)
                    .filter((k) => k.startsWith(this.prefix))
                    .forEach((k) => sessionStorage.removeItem(k));
            } catch { /* nothing kept */ }
        },
    },
};

// Signing out removes any drafts this tab kept.
document.addEventListener("submit", (event) => {
    if (event.target instanceof HTMLFormElement && event.target.action.endsWith("/account/logout")) {
        window.clarityPortal.drafts.clearAll();
    }
}, true);

// Pages rendered without a circuit (public pages for visitors, sign-in): the theme toggle sets the cookie and
// reloads (the server renders the chosen theme), and the print button prints.
document.addEventListener("click", (event) => {
    const target = event.target instanceof Element ? event.target : null;
    const toggle = target?.closest("[data-theme-toggle]");
    if (toggle) {
        window.clarityPortal.setTheme(toggle.getAttribute("data-theme-toggle"));
        location.reload();
    } else if (target?.closest("[data-print]")) {
        window.print();
    }
});

// Blazor's error bar: reload and dismiss without inline handlers.
document.addEventListener("click", (event) => {
    const target = event.target;
    if (!(target instanceof Element)) return;
    if (target.matches("#blazor-error-ui .reload")) {
        event.preventDefault();
        location.reload();
    } else if (target.matches("#blazor-error-ui .dismiss")) {
        document.getElementById("blazor-error-ui").style.display = "none";
    }
});

// Error summaries: a message's link moves focus to its field (the label and field come into view).
document.addEventListener("click", (event) => {
    const link = event.target instanceof Element ? event.target.closest(".error-summary a[data-field]") : null;
    const field = link ? document.getElementById(link.dataset.field) : null;
    if (!field) return;
    event.preventDefault();
    event.stopPropagation();
    field.focus({ preventScroll: true });
    (field.closest(".field") ?? field).scrollIntoView({ block: "center" });
}, true);

// The phone menu (a <details>): a chosen link, a click elsewhere or Escape closes it.
document.addEventListener("click", (event) => {
    const menu = document.querySelector("details.phone-nav[open]");
    if (!menu || !(event.target instanceof Element)) return;
    if (!menu.contains(event.target) || event.target.closest("a")) menu.removeAttribute("open");
});
// The menu is rendered once per page load; after in-app navigation, mark the current page when it opens.
document.addEventListener("toggle", (event) => {
    const menu = event.target;
    if (!(menu instanceof HTMLDetailsElement) || !menu.classList.contains("phone-nav") || !menu.open) return;
    const here = location.pathname;
    const links = [...menu.querySelectorAll("a.mud-nav-link")];
    const match = (href) => here === href || (href !== "/" && here.startsWith(href + "/"));
    const best = links.filter((a) => match(a.getAttribute("href")))
        .sort((a, b) => b.getAttribute("href").length - a.getAttribute("href").length)[0];
    for (const a of links) {
        a.classList.toggle("active", a === best);
        if (a === best) a.setAttribute("aria-current", "page");
        else a.removeAttribute("aria-current");
    }
}, true);
document.addEventListener("keydown", (event) => {
    const menu = document.querySelector("details.phone-nav[open]");
    if (event.key === "Escape" && menu) {
        menu.removeAttribute("open");
        menu.querySelector("summary")?.focus();
    }
});

// Glossary tips: Escape closes an open tip by moving focus off the term.
document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && document.activeElement?.classList.contains("term__button")) {
        document.activeElement.blur();
    }
});

// Idle logoff counts what the person does (typing, clicking, scrolling, touching), never what the page does by
// itself (a live page re-renders and answers the server on its own). While signed in, at most every 30 seconds, a small
// request tells the server this session is in use; the server does the counting (Session:*IdleTimeout).
(() => {
    let last = Date.now();
    const report = () => {
        if (document.body.dataset.signedIn !== "true" || Date.now() - last < 30_000) return;
        last = Date.now();
        fetch("/account/activity", { method: "POST", credentials: "same-origin", keepalive: true }).catch(() => {});
    };
    for (const type of ["pointerdown", "keydown", "wheel", "scroll", "touchstart"]) {
        document.addEventListener(type, report, { passive: true, capture: true });
    }
})();

// Password rules (Components/Shared/PasswordRules.razor): tick each rule as it is met while typing. The server still
// decides; this only helps before pressing save.
document.addEventListener("input", (event) => {
    for (const list of document.querySelectorAll("[data-password-for]")) {
        const password = document.getElementById(list.dataset.passwordFor);
        const confirm = list.dataset.confirmFor ? document.getElementById(list.dataset.confirmFor) : null;
        if (!password || (event.target !== password && event.target !== confirm)) continue;
        const value = password.value;
        const tick = (rule, met) => list.querySelector(`[data-rule="${rule}"]`)?.classList.toggle("is-met", met);
        tick("length", value.length >= 12 && value.length <= 128);
        tick("different", new Set(value).size >= 4);
        tick("match", !!confirm && value.length > 0 && value === confirm.value);
    }
});

// "Show password" / "Hide password" next to a new-password box.
document.addEventListener("click", (event) => {
    const button = event.target instanceof Element ? event.target.closest("[data-password-toggle]") : null;
    const input = button ? document.getElementById(button.dataset.passwordToggle) : null;
    if (!input) return;
    const show = input.type === "password";
    input.type = show ? "text" : "password";
    button.textContent = show ? "Hide password" : "Show password";
    button.setAttribute("aria-pressed", show ? "true" : "false");
});
