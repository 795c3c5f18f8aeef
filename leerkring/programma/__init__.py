"""A programme of learning circles (issue 20): the programme's public page and feed, the
programme manager's pages (circles, researchers, phases, figures and downloads across circles)
and the invitation of researchers by e-mail. It combines every app, so it lives in the project
package (docs/architecture.md, Programmes)."""
