"""Exports of a rendered notice. Each module has one job and is imported on demand:

    html_page   standalone page (shipped CSS inlined, no script) and `page_html` for other pages
    fragment    HTML fragment for a CMS
    markdown    one Markdown document
    text        wrapped plain text
    docx        Word document
    site        website folder (current notice, archive, changes page, Atom feed)
    sanitize    the nh3 allow-list every HTML export passes through
    redline     redline of two versions (the diff's export)

The PDF export needs Qt and lives outside core: `notice_studio.qt_export.pdf`.
"""
