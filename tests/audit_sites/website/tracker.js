// The other host's script keeps a visitor id in local storage, which nobody declared.
localStorage.setItem("trk_visitor", "v-42");
