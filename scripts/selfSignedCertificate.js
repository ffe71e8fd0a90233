'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/**
 * A throwaway self-signed certificate for the emulator's HTTPS listener, as the emulator's tests and the bench
 * serve it: the key and the certificate (PEM) for `names` (the first is the subject), valid `days` days. The openssl
 * CLI makes it (this throws where it is missing). The files stay in `dir`, for processes that trust the certificate
 * by its path (NODE_EXTRA_CA_CERTS=certPath); the caller removes `dir`.
 */
function selfSignedCertificate(names, days = 1) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zd-emu-tls-'));
	const keyPath = path.join(dir, 'key.pem');
	const certPath = path.join(dir, 'cert.pem');
	const subject = ['-subj', `/CN=${names[0]}`, '-addext', `subjectAltName=${names.map((name) => `DNS:${name}`).join(',')}`];
	const request = ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', String(days), ...subject];
	execFileSync('openssl', [...request, '-keyout', keyPath, '-out', certPath], { stdio: 'ignore' });
	return { dir, certPath, key: fs.readFileSync(keyPath, 'utf8'), cert: fs.readFileSync(certPath, 'utf8') };
}

module.exports = { selfSignedCertificate };
