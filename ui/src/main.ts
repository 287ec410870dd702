import { mount } from 'svelte'
import './app.css'
import App from './App.svelte'

// On Linux (WebKitGTK) `system-ui` names no font: WebKit asks fontconfig for it at every size and
// weight on the screen, gets no exact answer and falls back to `sans-serif`, which fontconfig
// resolves to the desktop's own font. Asking for `sans-serif` directly draws the same text and
// the first screen ~15 ms sooner. Elsewhere app.css's `system-ui` is the OS's UI font.
if (navigator.userAgent.includes('Linux') && !navigator.userAgent.includes('Android')) {
  document.documentElement.style.fontFamily = 'sans-serif'
}

const app = mount(App, {
  target: document.getElementById('app')!,
})

export default app
