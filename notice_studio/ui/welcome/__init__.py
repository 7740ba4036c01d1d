"""First start: the welcome dialog, the sample-notice bar, Getting started and Settings."""
