// Small helpers the portal calls through JS interop. No inline scripts: the Content-Security-Policy forbids them.
window.clarityPortal = {
    setTheme(mode) {
        const value = mode === "dark" ? "dark" : "light";
        const secure = location.protocol === "https:" ? ";secure" : "";
        document.cookie = `clarity-theme=${value};path=/;max-age=31536000;samesite=lax${secure}`;
    },
    print() {
        window.print();
    },
};

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

// Glossary tips: Escape closes an open tip by moving focus off the term.
document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && document.activeElement?.classList.contains("term__button")) {
        document.activeElement.blur();
    }
});
