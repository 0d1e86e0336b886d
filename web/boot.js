// Loads the app's WASM module; the app removes #boot once it runs.
// A separate file, not an inline script, so a strict Content-Security-Policy can forbid inline code.
import init from "/zorgpact_web.js";

init().catch((error) => {
    console.error("Zorgpact kon niet starten:", error);
    const boot = document.getElementById("boot");
    if (boot) {
        boot.textContent =
            "Zorgpact kon niet worden gestart. Laad de pagina opnieuw of gebruik een recente browser.";
        boot.setAttribute("role", "alert");
        boot.className = "error";
    }
});
