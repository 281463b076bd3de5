// "Lupa kata laluan" uses the sign-in page's frame (no session needed).
export { default } from '../log-masuk/layout';
export const dynamic = 'force-dynamic';
