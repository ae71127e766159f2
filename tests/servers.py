"""Real app servers for the deployment tests: gunicorn in a subprocess, spoken to over HTTP."""

import contextlib
import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from html import unescape
from pathlib import Path

from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
VENV_BIN = Path(os.sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(**overrides) -> dict:
    """What make serve sets (DEBUG off, plain HTTP on localhost), plus the overrides."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    env.update(
        DEBUG="0",
        SECRET_KEY="deployment-test-" + "k" * 50,
        SECURE_COOKIES="0",
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="0",
        WEB_CONCURRENCY="2",
    )
    env.update({key: str(value) for key, value in overrides.items()})
    return env


def wait_until_up(url: str, process: subprocess.Popen, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}: {process.stdout.read()[-3000:]}")
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"server at {url} did not answer /healthz within {timeout} s")


@contextlib.contextmanager
def running(command: list[str], env: dict, port: int):
    """Starts the command in its own process group, waits for /healthz, stops the whole group after."""
    process = subprocess.Popen(
        command,
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url, process)
        yield url
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        process.stdout.close()


def gunicorn(env: dict, port: int):
    return running(
        [str(VENV_BIN / "gunicorn"), "--config", "config/gunicorn.conf.py"], {**env, "PORT": str(port)}, port
    )


class Browser:
    """Cookies shared across servers on 127.0.0.1 (a cookie is not tied to a port), like one browser."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def request(self, url, data=None, headers=None, files=None):
        body, content_type = None, None
        if files:
            body, content_type = multipart(data or {}, files)
        elif data is not None:
            body, content_type = (
                urllib.parse.urlencode(data, doseq=True).encode(),
                "application/x-www-form-urlencoded",
            )
        request = urllib.request.Request(url, data=body, headers=headers or {})
        if content_type:
            request.add_header("Content-Type", content_type)
            request.add_header("Referer", url)
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

    def get(self, url, **kwargs):
        return self.request(url, **kwargs)

    def post(self, url, data, **kwargs):
        data = {"csrfmiddlewaretoken": self.csrf_token(), **data}
        return self.request(url, data=data, **kwargs)

    def csrf_token(self):
        return next(cookie.value for cookie in self.jar if "csrftoken" in cookie.name)

    def log_in(self, url, username, password="tillsammans-demo"):
        status, _, page = self.get(url + "/konto/logga-in/")
        assert status == 200, page[:2000]
        status, _, page = self.post(url + "/konto/logga-in/", {"username": username, "password": password})
        assert status == 200 and b"Logga ut" in page, page[:500]


def hidden_inputs(page: bytes, form_action: str) -> dict:
    """The hidden fields of the form whose action contains form_action."""
    html = page.decode()
    form = re.search(r"<form[^>]*action=\"[^\"]*" + re.escape(form_action) + r".*?</form>", html, re.S)
    assert form, f"no form posting to {form_action}"
    fields = {}
    for tag in re.findall(r"<input[^>]*type=\"hidden\"[^>]*>", form.group(0)):
        name = re.search(r"name=\"([^\"]+)\"", tag)
        value = re.search(r"value=\"([^\"]*)\"", tag)
        if name:
            fields[name.group(1)] = unescape(value.group(1)) if value else ""
    return fields


def multipart(data: dict, files: dict) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in data.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    for name, (filename, content, content_type) in files.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            f"Content-Type: {content_type}\r\n\r\n".encode()
            + content
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"
