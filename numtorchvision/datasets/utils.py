"""Download, checksum and archive helpers shared by the datasets (torchvision's names).

``download_url`` fetches one file with a progress bar (tqdm when installed, else a plain
text bar), writes it under a temporary name and renames it only once the MD5 matches,
so an interrupted or corrupted download never leaves a file that looks complete.
"""

import bz2
import gzip
import hashlib
import lzma
import os
import shutil
import sys
import tarfile
import urllib.request
import zipfile

__all__ = [
    "calculate_md5",
    "check_md5",
    "check_integrity",
    "download_url",
    "extract_archive",
    "download_and_extract_archive",
    "verify_str_arg",
]

USER_AGENT = "numtorchvision"
_CHUNK = 1024 * 1024


def calculate_md5(fpath, chunk_size=_CHUNK):
    """MD5 hex digest of the file at ``fpath``, read in chunks."""
    md5 = hashlib.md5(usedforsecurity=False)
    with open(fpath, "rb") as f:
        while chunk := f.read(chunk_size):
            md5.update(chunk)
    return md5.hexdigest()


def check_md5(fpath, md5, **kwargs):
    return md5 == calculate_md5(fpath, **kwargs)


def check_integrity(fpath, md5=None):
    """True when ``fpath`` is a file and, if ``md5`` is given, its digest equals it."""
    if not os.path.isfile(fpath):
        return False
    if md5 is None:
        return True
    return check_md5(fpath, md5)


class _TextBar:
    """Minimal progress bar for when tqdm is not installed."""

    def __init__(self, total, desc):
        self.total, self.desc, self.n, self._last = total, desc, 0, -1

    def update(self, k):
        self.n += k
        if self.total:
            pct = int(100 * self.n / self.total)
            if pct != self._last:
                self._last = pct
                bar = "#" * (pct // 4)
                sys.stderr.write(f"\r{self.desc}: {pct:3d}%|{bar:<25}| {self.n}/{self.total}")
        else:
            sys.stderr.write(f"\r{self.desc}: {self.n} bytes")
        sys.stderr.flush()

    def close(self):
        sys.stderr.write("\n")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _progress_bar(total, desc):
    try:
        from tqdm import tqdm
    except ImportError:
        return _TextBar(total, desc)
    return tqdm(total=total, desc=desc, unit="B", unit_scale=True, unit_divisor=1024)


def _urlretrieve(url, fpath, timeout=60):
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        total = response.length
        with open(fpath, "wb") as fh, _progress_bar(total, os.path.basename(fpath)) as bar:
            while chunk := response.read(_CHUNK):
                fh.write(chunk)
                bar.update(len(chunk))


def download_url(url, root, filename=None, md5=None, max_redirect_hops=3):
    """Download ``url`` into ``root/filename`` and check its MD5.

    Nothing is fetched when the file is already there and matches ``md5``.
    Raises ``urllib.error.URLError`` (or another ``OSError``) when the network fails, and
    ``RuntimeError`` when the downloaded bytes do not match ``md5``; in both cases no
    partial file is left behind. ``max_redirect_hops`` is accepted for torchvision
    compatibility (urllib follows redirects itself).
    """
    root = os.path.expanduser(os.fspath(root))
    if not filename:
        filename = os.path.basename(url)
    fpath = os.path.join(root, os.fspath(filename))
    os.makedirs(root, exist_ok=True)
    if check_integrity(fpath, md5):
        return
    tmp = fpath + ".part"
    try:
        _urlretrieve(url, tmp)
        if not check_integrity(tmp, md5):
            raise RuntimeError(
                f"File downloaded from {url} is corrupted: its MD5 is {calculate_md5(tmp)}, "
                f"expected {md5}."
            )
        os.replace(tmp, fpath)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def verify_str_arg(value, arg=None, valid_values=None, custom_msg=None):
    """Check that ``value`` is a str and, if ``valid_values`` is given, one of them."""
    if not isinstance(value, str):
        msg = "Expected type str" + ("" if arg is None else f" for argument {arg},")
        raise ValueError(f"{msg} but got type {type(value)}.")
    if valid_values is None or value in valid_values:
        return value
    if custom_msg is not None:
        raise ValueError(custom_msg)
    vals = ", ".join(repr(v) for v in valid_values)
    raise ValueError(f"Unknown value '{value}' for argument {arg}. Valid values are {{{vals}}}.")


_COMPRESSORS = {".gz": gzip.open, ".bz2": bz2.open, ".xz": lzma.open}
_TAR_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz", ".tbz2", ".tar.xz", ".txz")


def _safe_tar_extract(tar, to_path):
    # The "data" filter refuses absolute paths, '..' components, links leaving the
    # directory and device files: an archive cannot write outside ``to_path``.
    if hasattr(tarfile, "data_filter"):
        tar.extractall(to_path, filter="data")
        return
    base = os.path.realpath(to_path)
    for member in tar.getmembers():
        target = os.path.realpath(os.path.join(to_path, member.name))
        if os.path.commonpath([base, target]) != base or member.issym() or member.islnk():
            raise RuntimeError(f"Refusing to extract unsafe archive member {member.name!r}")
    tar.extractall(to_path)


def extract_archive(from_path, to_path=None, remove_finished=False):
    """Extract a tar/zip archive into ``to_path``, or decompress a single .gz/.bz2/.xz file.

    Returns the directory extracted into (archives) or the decompressed file's path.
    """
    from_path = os.fspath(from_path)
    if to_path is None:
        to_path = os.path.dirname(from_path)
    to_path = os.fspath(to_path)
    lower = from_path.lower()
    try:
        if lower.endswith(_TAR_SUFFIXES):
            with tarfile.open(from_path, "r:*") as tar:
                _safe_tar_extract(tar, to_path)
            result = to_path
        elif lower.endswith(".zip"):
            with zipfile.ZipFile(from_path) as zf:
                zf.extractall(to_path)  # zipfile strips '..' and absolute paths itself
            result = to_path
        elif lower.endswith(tuple(_COMPRESSORS)):
            suffix = os.path.splitext(from_path)[1].lower()
            result = os.path.join(to_path, os.path.splitext(os.path.basename(from_path))[0])
            tmp = result + ".part"
            try:
                with _COMPRESSORS[suffix](from_path, "rb") as src, open(tmp, "wb") as dst:
                    shutil.copyfileobj(src, dst, _CHUNK)
                os.replace(tmp, result)
            finally:
                if os.path.exists(tmp):
                    os.remove(tmp)
        else:
            raise RuntimeError(
                f"File '{from_path}' is not a supported archive: expected one of "
                f"{', '.join(_TAR_SUFFIXES + ('.zip', '.gz', '.bz2', '.xz'))}"
            )
    except (tarfile.TarError, zipfile.BadZipFile, EOFError, OSError, lzma.LZMAError) as err:
        if isinstance(err, FileNotFoundError):
            raise
        raise RuntimeError(f"Could not extract '{from_path}': {err}") from err
    if remove_finished:
        os.remove(from_path)
    return result


def download_and_extract_archive(
    url, download_root, extract_root=None, filename=None, md5=None, remove_finished=False
):
    """``download_url``, then ``extract_archive`` into ``extract_root`` (or ``download_root``)."""
    download_root = os.path.expanduser(os.fspath(download_root))
    if extract_root is None:
        extract_root = download_root
    if not filename:
        filename = os.path.basename(url)
    download_url(url, download_root, filename, md5)
    archive = os.path.join(download_root, filename)
    return extract_archive(archive, extract_root, remove_finished)
