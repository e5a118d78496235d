// Set up event handlers
const reconnectModal = document.getElementById("components-reconnect-modal");
reconnectModal.addEventListener("components-reconnect-state-changed", handleReconnectStateChanged);

const retryButton = document.getElementById("components-reconnect-button");
retryButton.addEventListener("click", retry);

const resumeButton = document.getElementById("components-resume-button");
resumeButton.addEventListener("click", resume);

// The server this tab is on is stopping (a deploy or a restart) and asks it to move (CircuitMoves.cs): pause the
// circuit, which brings the page's state to this tab, then resume it on whichever server takes new circuits next.
// Returns at once; the server waits for the circuit to close, not for this call.
let moving = false;
window.clarityPortal.moveCircuit = () => {
    if (moving) {
        return; // asked twice (a circuit opened as the server began to stop): one move is enough
    }

    moving = true;
    reconnectModal.classList.add("clarity-moving");
    setTimeout(moveCircuit, 0);
};

async function moveCircuit() {
    let resumed = false;
    try {
        const leaving = [...window.clarityPortal.leaving].map((leave) => leave());
        await Promise.race([Promise.allSettled(leaving), delay(2000)]);
        // The live parts of the page, as rendered by this circuit: the resumed one renders them afresh.
        const live = "[data-interactive='true'], [data-live='true']";
        document.querySelectorAll(live).forEach((e) => e.setAttribute("data-moving", ""));
        if (!await Blazor.pauseCircuit()) {
            return; // not connected: the ordinary reconnect takes over
        }

        for (let attempt = 0, wait = 500; attempt < 30 && !resumed; attempt++, wait = Math.min(wait * 1.5, 5000)) {
            await delay(wait);
            try {
                resumed = await Blazor.resumeCircuit();
                if (!resumed) {
                    location.reload(); // a server answered but could not take the page back: start it afresh
                    return;
                }
            } catch {
                // No server takes new circuits yet (this one is stopping, the proxy has not noticed): wait.
            }
        }

        // Until the resumed circuit has rendered the page, a click would reach the old one: keep the dialog.
        for (let waited = 0; waited < 10000 && document.querySelector(`[data-moving]:is(${live})`); waited += 100) {
            await delay(100);
        }
    } finally {
        moving = false;
        reconnectModal.classList.remove("clarity-moving");
        if (resumed) {
            reconnectModal.close(); // otherwise the paused dialog and its Resume button stay
        }
    }
}

function delay(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
}

function handleReconnectStateChanged(event) {
    if (event.detail.state === "show") {
        reconnectModal.showModal();
    } else if (event.detail.state === "hide" && !reconnectModal.classList.contains("clarity-moving")) {
        reconnectModal.close(); // a moving page closes it once the page is live again (moveCircuit)
    } else if (event.detail.state === "failed") {
        document.addEventListener("visibilitychange", retryWhenDocumentBecomesVisible);
    } else if (event.detail.state === "rejected") {
        location.reload();
    }
}

async function retry() {
    document.removeEventListener("visibilitychange", retryWhenDocumentBecomesVisible);

    try {
        // Reconnect will asynchronously return:
        // - true to mean success
        // - false to mean we reached the server, but it rejected the connection (e.g., unknown circuit ID)
        // - exception to mean we didn't reach the server (this can be sync or async)
        const successful = await Blazor.reconnect();
        if (!successful) {
            // We have been able to reach the server, but the circuit is no longer available.
            // We'll reload the page so the user can continue using the app as quickly as possible.
            const resumeSuccessful = await Blazor.resumeCircuit();
            if (!resumeSuccessful) {
                location.reload();
            } else {
                reconnectModal.close();
            }
        }
    } catch (err) {
        // We got an exception, server is currently unavailable
        document.addEventListener("visibilitychange", retryWhenDocumentBecomesVisible);
    }
}

async function resume() {
    try {
        const successful = await Blazor.resumeCircuit();
        if (!successful) {
            location.reload();
        }
    } catch {
        reconnectModal.classList.replace("components-reconnect-paused", "components-reconnect-resume-failed");
    }
}

async function retryWhenDocumentBecomesVisible() {
    if (document.visibilityState === "visible") {
        await retry();
    }
}
