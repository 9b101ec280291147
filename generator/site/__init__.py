"""Site layer: what readers and users get: Markdown pages, the JSON report, the MkDocs build.

Rendering is pure (:mod:`generator.site.render`); writing is atomic and stays under
``docs/stories/``.  The site never runs the pipeline or the runtime: it is handed judged stories.
"""
