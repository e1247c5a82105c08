const path = require('path');
const { task, src, dest, parallel } = require('gulp');

// Each copy returns its stream, so gulp waits for both before it reports done.
function copyNodeIcons() {
	return src(path.resolve('nodes', '**', '*.{png,svg}')).pipe(dest(path.resolve('dist', 'nodes')));
}

function copyCredentialIcons() {
	return src(path.resolve('credentials', '**', '*.{png,svg}'), { allowEmpty: true }).pipe(
		dest(path.resolve('dist', 'credentials')),
	);
}

task('build:icons', parallel(copyNodeIcons, copyCredentialIcons));
