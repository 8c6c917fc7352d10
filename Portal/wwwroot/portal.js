// Remembers the merchant's light/dark choice for a year; App.razor reads it on the next full page load.
window.portalTheme = {
    remember: function (dark) {
        document.cookie = "wooportal-theme=" + (dark ? "dark" : "light") + "; path=/; max-age=31536000; samesite=lax"
            + (location.protocol === "https:" ? "; secure" : "");
    }
};
