// Measures reading for the progress feature: which sections are on screen (at least half of the section, or half
// of the screen for long sections), only while the tab is in front, batched to the server every few seconds and when
// the reader leaves. The server validates and clamps everything this sends.
export function start(dotnet, options) {
    const sections = [...document.querySelectorAll("[data-track-section]")];
    const visible = new Map();
    let pending = {};
    let current = null;

    const observer = new IntersectionObserver((entries) => {
        for (const entry of entries) {
            const key = entry.target.dataset.trackSection;
            const halfOfSection = entry.intersectionRatio >= 0.5;
            const halfOfScreen = entry.intersectionRect.height >= window.innerHeight * 0.5;
            visible.set(key, entry.isIntersecting && (halfOfSection || halfOfScreen));
        }
    }, { threshold: [0, 0.1, 0.25, 0.5, 0.75, 1] });
    sections.forEach((s) => observer.observe(s));

    const tick = setInterval(() => {
        if (document.visibilityState !== "visible") return; // a background tab does not count
        for (const [key, isVisible] of visible) {
            if (isVisible) {
                pending[key] = (pending[key] || 0) + 1;
                current = key;
            }
        }
    }, 1000);

    const newId = () => (crypto.randomUUID ? crypto.randomUUID()
        : "10000000-1000-4000-8000-100000000000".replace(/[018]/g, (c) => (c ^ (crypto.getRandomValues(new Uint8Array(1))[0] & (15 >> (c / 4)))).toString(16)));

    const flush = () => {
        if (Object.keys(pending).length === 0) return Promise.resolve();
        const batch = pending;
        pending = {};
        return dotnet.invokeMethodAsync("Report", newId(), batch, current, new Date().toISOString()).catch(() => { });
    };

    const send = setInterval(flush, Math.max(1, options.batchSeconds) * 1000);
    const onVisibility = () => { if (document.visibilityState === "hidden") flush(); };
    document.addEventListener("visibilitychange", onVisibility);
    window.addEventListener("pagehide", flush);

    const tracker = {
        async stop() {
            window.clarityPortal?.leaving.delete(tracker.stop);
            clearInterval(tick);
            clearInterval(send);
            observer.disconnect();
            document.removeEventListener("visibilitychange", onVisibility);
            window.removeEventListener("pagehide", flush);
            await flush();
        },
    };
    window.clarityPortal?.leaving.add(tracker.stop); // the circuit moves: send what was measured, then stop
    return tracker;
}

export function scrollToSection(key) {
    const target = document.getElementById(key);
    if (!target) return;
    target.scrollIntoView({ behavior: window.matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth", block: "start" });
    const heading = target.querySelector("h2");
    if (heading) {
        heading.setAttribute("tabindex", "-1");
        heading.focus({ preventScroll: true });
    }
}
