"""The course's own certificate authority, so that only the course's machines join its Dask cluster.

Whoever can talk to a Dask scheduler can run any function on its workers: read an instructor bundle
(hidden tests, reference results) or replace the grading function.  Dask's TLS asks *both* ends of
every connection for a certificate signed by the cluster's CA, so ``nndl cluster certs`` makes one
CA per course and a certificate for each role (scheduler, worker, client), and ``nndl grade
--scheduler tls://...`` presents the client's.  The files are PEM, as ``dask scheduler --tls-*``
reads them; every private key is readable by its owner only (mode 0600).
"""
import datetime
import os
import socket
from dataclasses import dataclass
from pathlib import Path

from nndl.course import course_root

FOLDER_NAME = ".nndl-certs"  # in the course root; never committed (.gitignore)
CERTS_ENV = "NNDL_CERTS"
ROLES = ("scheduler", "worker", "client")
SCHEDULER_HTTP_ROUTES = """DASK_DISTRIBUTED__SCHEDULER__HTTP__ROUTES='["distributed.http.health"]'"""
VALID_DAYS = 5 * 365  # a course runs for years; make new ones (and hand them out again) to revoke


class MissingCertificates(Exception):
    """The course's certificates are not where ``nndl grade --scheduler tls://...`` looked for them."""


@dataclass(frozen=True)
class Certificates:
    """Where a course's certificate files are: the CA's, and each role's certificate and key."""

    folder: Path

    @property
    def ca(self):
        return self.folder / "ca.pem"

    def cert(self, role):
        return self.folder / f"{role}.pem"

    def key(self, role):
        return self.folder / f"{role}-key.pem"

    def security(self, role="client"):
        """A ``distributed.security.Security`` that presents ``role``'s certificate and requires TLS."""
        from distributed.security import Security

        missing = [p for p in (self.ca, self.cert(role), self.key(role)) if not p.is_file()]
        if missing:
            raise MissingCertificates(f"the course's {role} certificate is not in {self.folder} (missing "
                                      f"{', '.join(p.name for p in missing)}): run `nndl cluster certs` on the "
                                      f"machine that made the cluster's certificates, or point --certs (or "
                                      f"${CERTS_ENV}) to their folder")
        return Security(require_encryption=True, tls_ca_file=str(self.ca),
                        tls_client_cert=str(self.cert(role)), tls_client_key=str(self.key(role)))

    def commands(self, host, port=8786):
        """The command lines that start a scheduler, a worker and a grading run with these certificates."""
        ca = f"--tls-ca-file {self.ca}"
        return {
            # its HTTP port (plain, open to the network even with --no-dashboard) answers /health only
            "scheduler": f"{SCHEDULER_HTTP_ROUTES} dask scheduler --port {port} --no-dashboard {ca} "
                         f"--tls-cert {self.cert('scheduler')} --tls-key {self.key('scheduler')}",
            "worker": f"dask worker tls://{host}:{port} --nthreads 1 --no-dashboard {ca} "
                      f"--tls-cert {self.cert('worker')} --tls-key {self.key('worker')}",
            "grade": f"nndl grade --scheduler tls://{host}:{port} --certs {self.folder}",
        }


def course_certificates(root=None, folder=None):
    """The course's certificates: ``folder``, else $NNDL_CERTS, else ``<course root>/.nndl-certs``."""
    chosen = folder or os.environ.get(CERTS_ENV)
    return Certificates(Path(chosen).resolve() if chosen else course_root(root) / FOLDER_NAME)


def make_certificates(certs, hosts=()):
    """Write a new CA and a certificate for each role into ``certs.folder`` (made mode 0700).

    ``hosts`` (names or IP addresses of the scheduler) go into the scheduler's certificate as its
    subject alternative names; Dask checks the CA's signature, not host names, so they document
    where the certificate is meant to be used.  Refuses to overwrite a folder that already holds a CA:
    the certificates handed out to the workers would stop working.
    """
    if certs.ca.exists():
        raise FileExistsError(f"{certs.folder} already holds the course's certificates; delete that folder "
                              f"first to make new ones (every worker then needs the new ones)")
    certs.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(certs.folder, 0o700)
    names = list(hosts) or [socket.gethostname(), "localhost", "127.0.0.1"]
    ca_key = _new_key()
    ca = _certificate("nndl course CA", ca_key.public_key(), ca_key, None, is_ca=True)
    _write(certs.ca, _pem(ca), secret=False)
    _write(certs.folder / "ca-key.pem", _key_pem(ca_key), secret=True)
    for role in ROLES:
        key = _new_key()
        cert = _certificate(f"nndl {role}", key.public_key(), ca_key, ca,
                            hosts=names if role == "scheduler" else ())
        _write(certs.cert(role), _pem(cert), secret=False)
        _write(certs.key(role), _key_pem(key), secret=True)
    return names


def _new_key():
    from cryptography.hazmat.primitives.asymmetric import ec

    return ec.generate_private_key(ec.SECP256R1())


def _certificate(common_name, public_key, signing_key, issuer, is_ca=False, hosts=()):
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    subject = x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "nndl course"),
                         x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = datetime.datetime.now(datetime.timezone.utc)
    builder = (x509.CertificateBuilder()
               .subject_name(subject)
               .issuer_name(issuer.subject if issuer else subject)
               .public_key(public_key)
               .serial_number(x509.random_serial_number())
               .not_valid_before(now - datetime.timedelta(minutes=5))
               .not_valid_after(now + datetime.timedelta(days=VALID_DAYS))
               .add_extension(x509.BasicConstraints(ca=is_ca, path_length=0 if is_ca else None), critical=True))
    if is_ca:
        builder = builder.add_extension(x509.KeyUsage(
            digital_signature=False, content_commitment=False, key_encipherment=False, data_encipherment=False,
            key_agreement=False, key_cert_sign=True, crl_sign=True, encipher_only=False, decipher_only=False),
            critical=True)
    else:  # every Dask process both listens and connects
        builder = builder.add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH,
                                                               ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False)
    if hosts:
        alt = []
        for host in hosts:
            try:
                alt.append(x509.IPAddress(ipaddress.ip_address(host)))
            except ValueError:
                alt.append(x509.DNSName(host))
        builder = builder.add_extension(x509.SubjectAlternativeName(alt), critical=False)
    return builder.sign(signing_key, hashes.SHA256())


def _pem(cert):
    from cryptography.hazmat.primitives import serialization

    return cert.public_bytes(serialization.Encoding.PEM)


def _key_pem(key):
    from cryptography.hazmat.primitives import serialization

    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def _write(path, data, secret):
    """Write ``data`` to ``path``; a key is created mode 0600, never readable by others even for an instant."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600 if secret else 0o644)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    os.chmod(path, 0o600 if secret else 0o644)
