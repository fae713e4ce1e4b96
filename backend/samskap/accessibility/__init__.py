"""What the accessibility statement takes from the installation: whom to tell of a barrier."""
