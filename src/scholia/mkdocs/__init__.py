"""The thin MkDocs side of Scholia: what needs the whole site."""
