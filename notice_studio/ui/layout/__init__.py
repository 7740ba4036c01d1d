"""Window fitting, pane keys and other layout helpers shared by the windows and dialogs."""
