"""The Textual application: screens and widgets that compose, bind keys and draw."""
