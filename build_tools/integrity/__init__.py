"""Deliverables a reviewer can verify offline: the evidence manifest with its
root digest, the served-file manifest of a built site, PAdES signatures of the
bundle, and ``verify`` (bundle, site folder or manifest, against the unit).

Owns: ``unitfiles`` (the unit's inputs, walked and hashed), ``manifest`` (the
evidence manifest, its root digest and public view), ``pdfmarks`` (how a bundle
carries its manifest: attachment, metadata, cover text, signature box),
``sitefiles`` (the list of a site's served files), ``sign`` (PKCS#12 signer,
PAdES signature with a visible field), ``signatures`` (reading the signatures
of a PDF), ``verify`` and ``verify_report`` (the checks and their text/JSON
report).
May import: ``core``, ``plan``, ``models``, ``evidence``, ``check``, ``assess``
(the names of its input files); never ``reports``, ``site``, ``bundle`` or
``unit`` (site and bundle import this package, not the reverse).
"""
