localStorage.setItem("theme", "dark");
