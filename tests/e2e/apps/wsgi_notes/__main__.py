"""Run the WSGI app once as a CGI request (what the image's Cmd does): the request comes from
the CGI environment, or GET of the path given as the first argument (default /)."""

import os
import sys
from wsgiref.handlers import CGIHandler

from app import application

os.environ.setdefault("REQUEST_METHOD", "GET")
os.environ.setdefault("PATH_INFO", sys.argv[1] if len(sys.argv) > 1 else "/")
os.environ.setdefault("SERVER_NAME", "localhost")
os.environ.setdefault("SERVER_PORT", "80")
os.environ.setdefault("SERVER_PROTOCOL", "HTTP/1.1")
CGIHandler().run(application)
