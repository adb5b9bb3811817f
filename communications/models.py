# Filled by a later issue (see DESIGN.md for what this app holds).
