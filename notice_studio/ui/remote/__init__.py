"""Team work in the app: sync in the background, the conflict view, and the Reviews dock."""
