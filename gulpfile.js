// The icon step of the build: tsc emits the JavaScript, this copies the icons beside it.
const { src, dest, task } = require('gulp');

function copyIcons() {
	return src(['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

task('build:icons', copyIcons);
