"""What every app shares and no app owns. Knows no domain: it imports nothing of the apps above it."""
